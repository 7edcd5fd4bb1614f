/** Menu: Prepare QBR… opens the sidebar (dist/Sidebar.html, built from ui/sidebar/ by scripts/build-ui.mjs). */
export function showQbrSidebar(): void {
  // One self-contained file: Google serves it in a sandboxed iframe that may load no other script or font.
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('PartnerPulse · QBR prep');
  SpreadsheetApp.getUi().showSidebar(html);
}
