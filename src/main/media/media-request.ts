/**
 * Whether a media request comes from our own page: Chromium stamps `<audio>` and fetch requests
 * with the page as referrer (Electron hands it over as `request.referrer`, a plain fetch Request as
 * the Referer header) and with Origin on CORS fetches. A request with neither, or from another page,
 * gets no audio.
 */
export function isFromOwnPage(request: Request, isOwnPage: (url: string) => boolean): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== 'null' && !isOwnPage(`${origin}/`)) return false;
  const referrers = [request.headers.get('referer'), request.referrer].filter((r): r is string => typeof r === 'string' && r !== '' && !r.startsWith('about:'));
  if (referrers.length > 0) return referrers.some(isOwnPage);
  return origin !== null && origin !== 'null';
}
