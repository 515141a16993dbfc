// Module resolution hook: `electron` resolves to the stand-in shim; everything else as usual.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') {
    return { url: new URL('./shim.mjs', import.meta.url).href, shortCircuit: true };
  }
  return next(specifier, context);
}
