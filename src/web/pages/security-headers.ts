import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers with a Content Security Policy that runs the desk's own
 * scripts and styles only: no inline script or style, no other origin.
 * HSTS and upgrade-insecure-requests only when the desk is served over
 * https; on plain http they would break the local desk.
 */
export function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https && { upgradeInsecureRequests: [] }),
      },
    },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600 } : false,
  });
}
