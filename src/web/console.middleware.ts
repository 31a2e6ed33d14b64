import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ConsoleAssets, type ConsoleFile } from './console-assets';
import { consoleRouteFor } from './console-routes';

/** Serves the web console's page and files (see consoleRoute); every other request goes on to the API. */
@Injectable()
export class ConsoleMiddleware implements NestMiddleware {
  constructor(private readonly files: ConsoleAssets) {}

  use(req: Request, res: Response, next: NextFunction) {
    const route = consoleRouteFor(req);
    if (!route) return next();
    if (route.kind === 'redirect') {
      res.redirect(302, route.location);
      return;
    }
    if (route.kind === 'page') return this.send(req, res, this.files.page);
    const file = this.files.asset(route.file);
    if (!file) {
      res.status(404).type('text/plain; charset=utf-8').send('Not found');
      return;
    }
    this.send(req, res, file);
  }

  private send(req: Request, res: Response, file: ConsoleFile) {
    // Content-Security-Policy and the other security headers come from common/security-headers.ts, for every response.
    // A hashed name (the bundle, its map) never changes content: cached for a year. Other files keep their names
    // across releases, so browsers revalidate every time; the ETag makes that a 304.
    res.setHeader('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('ETag', file.etag);
    res.setHeader('Vary', 'Accept, Accept-Encoding');
    if (req.header('if-none-match') === file.etag) {
      res.status(304).end();
      return;
    }
    const accepted = req.header('accept-encoding') ?? '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
    const encoded = encoding && this.files.encoded(file, encoding);
    if (encoded) res.setHeader('Content-Encoding', encoding);
    const body = encoded || file.body;
    res.status(200).type(file.type).setHeader('Content-Length', String(body.length));
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  }
}
