/**
 * The Content-Security-Policy every page carries in a `<meta>`: the site loads nothing from
 * another origin and runs only its own script files. Styles allow 'unsafe-inline' because Shiki's
 * highlighting and Mermaid's SVG carry `style` attributes, which hashes cannot cover; scripts never
 * do, so an injected `<script>` or `onclick` does not run.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // The recorder plays back what it recorded from a blob: URL.
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
