// What the search scripts put on window (client.js, box.js), beside plugins/kb/assets/globals.d.ts.
interface Window {
  SotaySearchBox?: { shortSnippet(pieces: [string, boolean][], max?: number): [string, boolean][]; Box: any };
}
