// Types of scripts/gen-enums.mjs for the tests.
export interface EnumItem { doc: string; name: string; value: number | string }
export function parseEnums(dts: string): Record<string, { doc: string; items: EnumItem[] }>;
export function render(enums: Record<string, { doc: string; items: EnumItem[] }>): string;
