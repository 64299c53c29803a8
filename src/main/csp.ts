// One Content-Security-Policy for both transports, so browser mode tests what Electron ships.
// No 'unsafe-inline' for styles: Leaflet and React set styles through the CSSOM (element.style),
// which CSP does not restrict, and Vite emits stylesheets as files.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' smgeo: data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite's dev server injects inline scripts and talks over a WebSocket; only used when running `electron-vite dev`. */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const ws = devServerUrl.replace(/^http/, 'ws');
  return [
    `default-src 'self' ${devServerUrl}`,
    `script-src 'self' 'unsafe-inline' ${devServerUrl}`,
    `style-src 'self' 'unsafe-inline' ${devServerUrl}`,
    `img-src 'self' smgeo: data: blob: ${devServerUrl}`,
    `connect-src 'self' smgeo: ${devServerUrl} ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && MIME[file.slice(dot).toLowerCase()]) || 'application/octet-stream';
}
