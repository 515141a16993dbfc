import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { z } from 'zod';
import { BodyError, readJsonBody } from './request-body.ts';
import { sendJson } from './security-headers.ts';
import {
  describeBodyError,
  emptyBody,
  faultBody,
  insertCardBody,
  paperBody,
  platformBody,
  residentCodeBody,
  scanBody,
} from './sim-control.ts';
import type { SimulatorControl } from '../core/simulator-control.ts';

/**
 * Where the technician panel's page sits in the renderer build. Its script and stylesheet
 * are ordinary files in the build's assets/ folder, so the same CSP covers them.
 */
const SIM_PANEL_PAGE = 'sim-panel/index.html';

interface Command<S extends z.ZodType> {
  body: S;
  run(sim: SimulatorControl, input: z.infer<S>): Promise<void>;
}

function command<S extends z.ZodType>(
  body: S,
  run: (sim: SimulatorControl, input: z.infer<S>) => Promise<void>,
): Command<S> {
  return { body, run };
}

const COMMANDS: Record<string, Command<z.ZodType>> = {
  '/sim/card/insert': command(insertCardBody, (sim, input) => sim.insertCard(input.profile)),
  '/sim/card/remove': command(emptyBody, (sim) => sim.removeCard()),
  '/sim/scan': command(scanBody, (sim, input) => sim.scanCode(input.text)),
  '/sim/resident-code': command(residentCodeBody, (sim, input) =>
    sim.showResidentCode(input.profile, { expired: input.expired ?? false }),
  ),
  '/sim/paper': command(paperBody, (sim, input) => sim.setPaper(input.printer, input.state)),
  '/sim/fault': command(faultBody, (sim, input) => sim.fault(input.device, input.fault)),
  '/sim/platform': command(platformBody, (sim, input) => sim.platform(input)),
};

/** Context a simulator request needs from the host. */
export interface SimRouteContext {
  sim: SimulatorControl;
  /** The host's own origin; a POST from any other page is refused. */
  origin: string;
  /** The built renderer, which holds the panel page. */
  rendererDir: string;
  headers: Record<string, string>;
}

/**
 * Answers a request under /sim: the panel, `GET /sim/state`, and the POST commands. Returns
 * false when the path is not a simulator path, so the caller can serve it otherwise.
 */
export async function handleSimRequest(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  context: SimRouteContext,
): Promise<boolean> {
  const { sim, headers } = context;
  const panel = path === '/sim';
  const handler = COMMANDS[path];
  if (!panel && handler === undefined && path !== '/sim/state') return false;

  const method = request.method ?? 'GET';
  const wanted = handler === undefined ? 'GET' : 'POST';
  if (method !== wanted) {
    response.setHeader('Allow', wanted);
    sendJson(response, 405, { error: `use ${wanted} for ${path}` }, headers);
    return true;
  }

  if (panel) {
    const body = await readFile(join(context.rendererDir, SIM_PANEL_PAGE));
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
    });
    response.end(body);
    return true;
  }

  try {
    if (handler === undefined) {
      sendJson(response, 200, await sim.state(), headers);
      return true;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== context.origin) {
      sendJson(response, 403, { error: `requests from ${origin} are not accepted` }, headers);
      return true;
    }
    const parsed = handler.body.safeParse(await readJsonBody(request));
    if (!parsed.success) {
      sendJson(response, 400, { error: describeBodyError(parsed.error) }, headers);
      return true;
    }
    await handler.run(sim, parsed.data);
    sendJson(response, 200, { ok: true }, headers);
  } catch (error) {
    if (error instanceof BodyError) {
      // The rest of an oversized body is never read, so this connection cannot be reused.
      if (error.status === 413) response.setHeader('Connection', 'close');
      sendJson(response, error.status, { error: error.message }, headers);
    } else {
      // The simulator said no (unknown profile, card already in…): a conflict with its state.
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 409, { error: message }, headers);
    }
  }
  return true;
}
