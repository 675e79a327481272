/** The platform's HTML pages made on the server (receipt, letter, access export, destruction report): one escape, one shell. */

/** Text made safe for HTML (element content and quoted attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A whole page: language, title, the head's extra lines (a `<style>` or links), and the body's inner HTML. */
export function htmlDocument(page: { language: string; title: string; head: string; body: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(page.language)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)}</title>
${page.head}
</head>
<body>
${page.body}
</body>
</html>
`;
}
