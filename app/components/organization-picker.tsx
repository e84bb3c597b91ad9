// The organization field: a type-ahead over existing organizations (the ARIA 1.2
// combobox pattern, over GET /api/organizations) by part of a name or the organisation
// number. Choosing one sends its id under `choiceName`; a new organization is made only
// from the explicit last option, "None of these: create …" (`allowCreate`), which sends
// "new". Without JavaScript (and before the script runs) it is a text field: the server
// answers a name it cannot settle with `choices`, shown here as radio buttons on the same
// form (the search-then-choose step), with "none of these" last when creating is allowed.
import { useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { Field, FieldError } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";

export interface OrganizationOption {
  id: string;
  name: string;
  kind?: string;
  orgNumber?: string | null;
  region?: string | null;
  group?: string | null;
}

export interface OrganizationPickerProps {
  /** The typed text's field. */
  name: string;
  /** The chosen organization's field: its id, or "new". */
  choiceName: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  /** Existing organizations the server offers for what was typed: chosen among with radio buttons. */
  choices?: readonly OrganizationOption[];
  /** Whether "None of these: create …" is offered. */
  allowCreate?: boolean;
}

const NEW = "new";
const noSubscription = () => () => {};

async function searchApi(q: string, signal: AbortSignal): Promise<OrganizationOption[]> {
  const response = await fetch(`/api/organizations?${new URLSearchParams({ q: q.slice(0, 100) })}`, {
    signal,
    headers: { Accept: "application/json" },
  });
  if (!response.ok) return [];
  return ((await response.json()) as { results: OrganizationOption[] }).results;
}

/** What tells namesakes apart: the number, the kind, the region, the group. */
function useDetail() {
  const t = useT();
  return (o: OrganizationOption) =>
    [o.orgNumber, o.kind && t(`org.kind.${o.kind as "company"}`), o.region, o.group && t("picker.organizations.group", { group: o.group })]
      .filter(Boolean)
      .join(" · ");
}

export function OrganizationPicker(props: OrganizationPickerProps) {
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return enhanced ? <EnhancedPicker {...props} /> : <PlainPicker {...props} />;
}

function PlainPicker({ name, choiceName, label, hint, error, defaultValue, choices, allowCreate }: OrganizationPickerProps) {
  return (
    <>
      <Field name={name} label={label} hint={hint} error={error} defaultValue={defaultValue} maxLength={300} autoComplete="organization" />
      <Choices name={choiceName} typed={defaultValue ?? ""} choices={choices} allowCreate={allowCreate} />
    </>
  );
}

/** The server's offer as radio buttons: existing organizations, then "none of these". */
function Choices({
  name,
  typed,
  choices,
  allowCreate,
}: {
  name: string;
  typed: string;
  choices?: readonly OrganizationOption[];
  allowCreate?: boolean;
}) {
  const t = useT();
  const detail = useDetail();
  if (!choices?.length) return null;
  return (
    <fieldset className="organization-choices">
      <legend>{t("membership.chooseLegend")}</legend>
      {choices.map((c) => (
        <label key={c.id} className="choice">
          <input type="radio" name={name} value={c.id} /> {c.name}
          {detail(c) ? ` (${detail(c)})` : ""}
        </label>
      ))}
      {allowCreate && typed && (
        <label className="choice">
          <input type="radio" name={name} value={NEW} /> {t("membership.createNew", { name: typed })}
        </label>
      )}
    </fieldset>
  );
}

function EnhancedPicker({ name, choiceName, label, hint, error, defaultValue = "", choices, allowCreate }: OrganizationPickerProps) {
  const t = useT();
  const detail = useDetail();
  const id = `field-${name}`;
  const listId = `${id}-listbox`;
  const optionId = `${useId().replace(/:/g, "")}-option`;
  // What was typed into the plain field before the script ran is still in the page while
  // this first renders (it replaces that field): kept, not lost.
  const [text, setText] = useState(() => (document.getElementById(id) as HTMLInputElement | null)?.value ?? defaultValue);
  const [found, setFound] = useState<OrganizationOption[]>([]);
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const pending = useRef<AbortController | null>(null);

  // Existing organizations first; "none of these" last, and only for something typed.
  const options: { value: string; label: string; detail: string }[] = [
    ...found.map((o) => ({ value: o.id, label: o.name, detail: detail(o) })),
    ...(allowCreate && text.trim() ? [{ value: NEW, label: t("membership.createNew", { name: text.trim() }), detail: "" }] : []),
  ];

  function query(q: string) {
    pending.current?.abort();
    if (!q.trim()) {
      setFound([]);
      setOpen(false);
      setStatus("");
      return;
    }
    const controller = new AbortController();
    pending.current = controller;
    searchApi(q, controller.signal)
      .then((results) => {
        if (controller.signal.aborted) return;
        setFound(results);
        setActive(-1);
        setOpen(true);
        setStatus(results.length ? t("picker.results", { count: results.length }) : t("picker.organizations.noMatches"));
      })
      .catch(() => {});
  }

  function choose(option: { value: string; label: string }) {
    const org = found.find((o) => o.id === option.value);
    setPicked(org ? { id: org.id, name: org.name } : { id: NEW, name: text.trim() });
    if (org) setText(org.name);
    setOpen(false);
    setActive(-1);
    setStatus(org ? t("picker.organizations.chosen", { name: org.name }) : option.label);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) query(text);
        else setActive((a) => Math.min(options.length - 1, a + 1));
        break;
      case "ArrowUp":
        e.preventDefault();
        setActive((a) => Math.max(0, a - 1));
        break;
      case "Enter": {
        // Enter picks the option in focus; with none, the form is sent as usual.
        const option = open ? options[active] : undefined;
        if (option) {
          e.preventDefault();
          choose(option);
        }
        break;
      }
      case "Escape":
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        break;
    }
  }

  const expanded = open && options.length > 0;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <>
      <div className={`field combobox${error ? " field-error" : ""}`}>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
        <div className="combobox-box">
          <input
            id={id}
            name={name}
            type="text"
            role="combobox"
            autoComplete="off"
            maxLength={300}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${optionId}-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            value={text}
            onChange={(e) => {
              // Typing again undoes a choice: what is sent is what is shown.
              setPicked(null);
              setText(e.target.value);
              query(e.target.value);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => {
              // Leaving the field: an answer still on its way must not open the list over what comes next.
              pending.current?.abort();
              setOpen(false);
            }}
          />
          {picked && <input type="hidden" name={choiceName} value={picked.id} />}
          <ul id={listId} role="listbox" aria-label={t("picker.suggestions")} className="combobox-list" hidden={!expanded}>
            {options.map((o, i) => (
              <li
                key={o.value}
                id={`${optionId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? "active" : undefined}
                // Chosen on mousedown: a click would first blur the input and close the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(o);
                }}
              >
                {o.label}
                {o.detail && <span className="option-detail"> {o.detail}</span>}
              </li>
            ))}
          </ul>
        </div>
        {picked?.id === NEW && <p className="hint">{t("picker.organizations.willCreate", { name: picked.name })}</p>}
        <div className="visually-hidden" role="status" aria-live="polite">
          {status}
        </div>
      </div>
      {/* The server's offer stays until something is chosen above (then that choice is what is sent). */}
      {!picked && <Choices name={choiceName} typed={defaultValue} choices={choices} allowCreate={allowCreate} />}
    </>
  );
}
