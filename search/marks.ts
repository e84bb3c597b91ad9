// Control characters that cannot occur in posting text (forms and import strip nothing,
// but browsers never send them in ordinary text), marking matches in highlighted fields.
export const MARK_START = "\u0001";
export const MARK_END = "\u0002";
