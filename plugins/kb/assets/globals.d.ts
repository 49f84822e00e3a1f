// What the site's scripts put on window, for TypeScript's checks of the browser JavaScript.
interface SotayShared {
  load(key: string, fallback: any, clean?: (raw: any) => any): any;
  save(key: string, value: any): boolean;
  cell(known?: string[]): string;
  setCell(value: string): boolean;
  keeper(key: string, where: Element | null, warning: string): (value: any) => void;
  announcer(status: Element, undoButton: HTMLElement): (text: string, canUndo: boolean) => void;
  onPage(init: () => void): void;
  isRecord(value: any): boolean;
  own(object: any, key: string): boolean;
  planKey(cell: string, year: number | string): string;
  planStorageKey(cell: string, year: number | string): string;
  meetingsOf(data: any, cell: string, year: number | string): any[];
  candidates(data: any, cell: string, meeting: any): string[];
  cleanChanges(raw: any, data: any, cell: string, year: number | string): { [index: string]: string };
  storedChanges(data: any, cell: string, year: number | string): { [index: string]: string };
  [name: string]: any;
}
interface Window {
  sotay: SotayShared;
  SOTAY_CONFIG?: { searchPage?: string; index?: string; [name: string]: any };
  SOTAY_SEARCH_INDEX?: any;
  SOTAY_SEARCH_PARTS?: { [name: string]: any };
  SotayAnalyzer?: any;
  SotaySearch?: any;
  fflate?: any;
}
declare var module: any;
declare function require(name: string): any;
