/** Width and height attributes of the root <svg> element, in px; null when missing or not px. */
export function readSvgSize(text: string): { width: number | null; height: number | null } | null {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (root === undefined) return null;
  const attribute = (name: string): number | null => {
    const value = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)(px)?\\s*["']`, 'i').exec(root)?.[1];
    return value === undefined ? null : Number(value);
  };
  return { width: attribute('width'), height: attribute('height') };
}
