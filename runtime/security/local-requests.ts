// Lambkin's servers listen on 127.0.0.1, but a web page the user happens to open can still reach them: a
// cross-site `fetch` POST with a text/plain body needs no CORS preflight, and DNS rebinding gets a foreign
// name past the address. So every request must name a loopback host with the server's own port, and (but for
// the user's own API and S3, which answer browsers by their CORS rules) come from no browser origin other than
// Lambkin's own servers. Plain local clients (curl, the SDKs, the AWS CLI) send no Origin and pass.
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface RequestRules {
  /** The port the request arrived on. */
  port: number;
  /** The user's own API (the gateway) and S3 decide about browsers themselves. */
  anyOrigin?: boolean;
  /** The AWS endpoint: `<bucket>.localhost:<port>` is S3 in virtual-hosted style. */
  subdomainsOfLocalhost?: boolean;
}

export class LocalRequests {
  private readonly ports = new Set<number>();

  /** A port one of Lambkin's servers listens on: pages it serves are Lambkin's own origins. */
  addPort(port: number): void {
    this.ports.add(port);
  }

  /** Why a request must be refused (one line, for a 403), or undefined when it may be served. */
  refusal(req: Pick<IncomingMessage, 'headers'>, rules: RequestRules): string | undefined {
    const host = req.headers.host;
    if (host !== undefined && !this.isOwnHost(host, rules)) {
      return `Lambkin refuses this request: its Host "${host}" is not 127.0.0.1, localhost or [::1] with port ${rules.port} (a DNS-rebinding page, or a proxy?).`;
    }
    const origin = header(req.headers.origin);
    if (origin !== undefined && !rules.anyOrigin && !this.isOwnOrigin(origin)) {
      return `Lambkin refuses this request: it comes from the web page ${origin}, and only Lambkin's own pages may call this port.`;
    }
    return undefined;
  }

  private isOwnHost(host: string, rules: RequestRules): boolean {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
    if (!match) return false;
    const [, name, port] = match;
    if (Number(port ?? 80) !== rules.port) return false;
    return LOOPBACK_NAMES.has(name!) || (rules.subdomainsOfLocalhost === true && name!.endsWith('.localhost'));
  }

  private isOwnOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    return url.protocol === 'http:' && LOOPBACK_NAMES.has(url.hostname) && this.ports.has(Number(url.port || 80));
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
