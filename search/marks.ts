// The marks around search matches in highlighted fields (Meilisearch's highlight tags).
// They are Unicode noncharacters, reserved for a program's internal use: every form and
// the importer refuse them in text (app/domain/text.ts), so a title can never carry a
// mark of its own, as it could when the marks were the control characters U+0001/U+0002.
export const MARK_START = "\uFDD0";
export const MARK_END = "\uFDD1";
