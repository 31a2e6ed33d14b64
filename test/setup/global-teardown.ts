export default async function globalTeardown() {
  const handles = (globalThis as { __dbHandles?: Array<() => Promise<void> | void> }).__dbHandles ?? [];
  for (const stop of handles.reverse()) await stop();
}
