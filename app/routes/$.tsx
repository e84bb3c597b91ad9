// Any address no page answers: a 404 rendered by the root's error boundary inside the
// layout, in the reader's language (the root loader runs, so it knows the language), with
// a link home. Without this route Remix answers before any loader runs, in English.
import { pageHandle } from "#app/components/page-title.tsx";

export const handle = pageHandle("error.notFound");

export function loader(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
