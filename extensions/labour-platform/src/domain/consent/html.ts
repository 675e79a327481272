/** Text made safe for HTML (element content and quoted attribute values): the one escape of the consent side. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
