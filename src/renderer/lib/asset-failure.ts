/**
 * An <img> that fails to load says nothing about why; asking for the same asset again returns
 * main's message (which names the file and the cause), so the user sees that instead.
 */
export async function describeAssetFailure(src: string, fallback: string): Promise<string> {
  try {
    const res = await fetch(src);
    if (res.ok) return fallback;
    const text = (await res.text()).trim();
    return text && text.length < 2000 ? text : fallback;
  } catch {
    return fallback;
  }
}
