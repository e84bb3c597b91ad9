// A file handed to the browser as a download: its type, the name to save it under, and no
// copy kept by any cache (what we hand out is private to the viewer, and made when asked).
export function download(bytes: Uint8Array, file: { type: string; name: string }): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": file.type,
      // Our names are slugs (ASCII letters, digits, dashes and a dot): nothing to escape.
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
