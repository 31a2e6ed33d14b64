import { readTextFile, referencePath } from '../reference/reference-files';

interface Item { cas: string; name: string; symbol: string }
let items: Item[] | undefined;

/** GB 15618-2018 表1's items by CAS, Chinese name or element symbol (铬 here is total chromium, not GB 36600's 六价铬). */
export function farmlandAnalyte(nameOrCas: string): Item | undefined {
  items ??= (JSON.parse(readTextFile(referencePath('gb15618-2018.json'))) as { screening: Item[] }).screening;
  const key = nameOrCas.trim().normalize('NFKC');
  return items.find((i) => i.cas === key || i.name === key || i.symbol.toLowerCase() === key.toLowerCase() || `总${i.name}` === key);
}
