// A type-ahead for choosing several values from a long list (research subjects,
// languages): the ARIA 1.2 combobox pattern (an input with role=combobox that controls a
// listbox, the option in focus named by aria-activedescendant), chosen values as chips
// each with a hidden input. Before the script runs, and without it, the same field is a
// plain text input of the same name: the server reads codes or names typed with commas.
// What is still typed when the form is sent goes with it under the same name, so nothing
// typed is lost silently: the server resolves it or says what it could not.
import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { Field } from "#app/components/form.tsx";
import { useT } from "#app/components/i18n.tsx";

export interface ComboOption {
  value: string;
  label: string;
  /** Shown smaller after the label: the code, the levels above. */
  detail?: string;
}

export interface ComboboxProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** The field's text as the server has it: values or names separated by commas. */
  defaultValue?: string;
  /** Options for what is typed, best first. */
  search: (query: string, signal: AbortSignal) => Promise<ComboOption[]>;
  /** The option each typed value or name stands for, in the same order, null where none (it stays typed text). */
  lookup: (typed: string[], signal: AbortSignal) => Promise<(ComboOption | null)[]>;
}

const split = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

const noSubscription = () => () => {};

export function Combobox(props: ComboboxProps) {
  // The server's markup and the hydrating render are the plain field; the picker replaces it once the script runs.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (!enhanced) {
    return <Field name={props.name} label={props.label} hint={props.hint} error={props.error} defaultValue={props.defaultValue} />;
  }
  return <EnhancedCombobox {...props} />;
}

function EnhancedCombobox({ name, label, hint, error, defaultValue = "", search, lookup }: ComboboxProps) {
  const t = useT();
  const id = `field-${name}`;
  const listId = `${id}-listbox`;
  const optionId = `${useId().replace(/:/g, "")}-option`;
  const [chosen, setChosen] = useState<ComboOption[]>([]);
  const [text, setText] = useState(defaultValue);
  const [options, setOptions] = useState<ComboOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const pending = useRef<AbortController | null>(null);

  // What the field held (after a refused submit, or a saved value) becomes chips where it names known values.
  useEffect(() => {
    const typed = split(defaultValue);
    if (!typed.length) return;
    const controller = new AbortController();
    lookup(typed, controller.signal)
      .then((found) => {
        const known = found.filter((o): o is ComboOption => o !== null);
        setChosen(known.filter((o, i) => known.findIndex((k) => k.value === o.value) === i));
        setText(typed.filter((_, i) => !found[i]).join(", "));
      })
      .catch(() => {});
    return () => controller.abort();
  }, [defaultValue, lookup]);

  function query(q: string) {
    pending.current?.abort();
    if (!q.trim()) {
      setOptions([]);
      setOpen(false);
      setStatus("");
      return;
    }
    const controller = new AbortController();
    pending.current = controller;
    search(q, controller.signal)
      .then((found) => {
        if (controller.signal.aborted) return;
        setOptions(found);
        setActive(-1);
        setOpen(true);
        setStatus(found.length ? t("picker.results", { count: found.length }) : t("picker.noMatches"));
      })
      .catch(() => {});
  }

  function choose(option: ComboOption) {
    setChosen((c) => (c.some((o) => o.value === option.value) ? c : [...c, option]));
    setText("");
    setOptions([]);
    setOpen(false);
    setActive(-1);
    setStatus("");
    input.current?.focus();
  }

  function remove(value: string) {
    setChosen((c) => c.filter((o) => o.value !== value));
    input.current?.focus();
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
        } else if (text) {
          e.preventDefault();
          setText("");
        }
        break;
      case "Backspace":
        if (!text && chosen.length) remove(chosen[chosen.length - 1]!.value);
        break;
    }
  }

  const expanded = open && options.length > 0;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field combobox${error ? " field-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          <span className="visually-hidden">{`${t("errorSummary.prefix")} `}</span>
          {error}
        </p>
      )}
      {chosen.length > 0 && (
        <ul className="chips" aria-label={t("picker.chosen")}>
          {chosen.map((o) => (
            <li key={o.value} className="chip">
              <span>{o.label}</span>
              {o.detail && <span className="chip-detail"> {o.value}</span>}
              <input type="hidden" name={name} value={o.value} />
              <button
                type="button"
                className="chip-remove"
                aria-label={t("picker.remove", { label: o.label })}
                onClick={() => remove(o.value)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="combobox-box">
        <input
          ref={input}
          id={id}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${optionId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            query(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
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
      <div className="visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
