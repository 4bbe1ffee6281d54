// Features built on other branches are imported by name at run time: a module missing from
// this build makes its scenario "absent" instead of breaking the bench (or its type check).

/** The module, or null when this build does not have it. */
export async function optionalModule<T>(specifier: string): Promise<T | null> {
  try {
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (
      code === "ERR_MODULE_NOT_FOUND" ||
      code === "MODULE_NOT_FOUND" ||
      /Cannot find module/.test(message)
    ) {
      return null;
    }
    throw error;
  }
}
