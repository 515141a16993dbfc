import { dirname, relative, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What the kiosk window shows: the renderer served over http(s), or the built files on disk. */
export type KioskContent = { url: string } | { file: string };

/** The URL the content loads as, for logs and for comparing navigation targets. */
export function contentUrl(content: KioskContent): string {
  return 'url' in content ? content.url : pathToFileURL(content.file).href;
}

/**
 * Decides whether a URL belongs to the app itself. Over http(s) that is the same origin as the
 * loaded page; from disk it is any file in the renderer's own folder (the built page and its
 * assets), never elsewhere on the disk, where a file: link could read the machine's files.
 */
export function ownUrlTest(content: KioskContent): (url: string) => boolean {
  const home = new URL(contentUrl(content));
  if (home.protocol === 'file:') {
    const root = dirname(fileURLToPath(home));
    return (url) => {
      if (!URL.canParse(url)) return false;
      const target = new URL(url);
      if (target.protocol !== 'file:' || target.host !== '') return false;
      const path = relative(root, fileURLToPath(target));
      return !path.startsWith('..') && !isAbsolute(path);
    };
  }
  return (url) => URL.canParse(url) && new URL(url).origin === home.origin;
}
