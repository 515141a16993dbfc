/**
 * The neutral screen shown before the first snapshot and whenever the bridge drops. It
 * says the same thing in both languages because no locale is known yet.
 */
export function ConnectingScreen() {
  return (
    <main class="connecting" data-screen="connecting">
      <div class="connecting-spinner" aria-hidden="true" />
      <div role="status" class="connecting-text">
        <p lang="zh-CN">正在连接…</p>
        <p lang="en">Connecting…</p>
      </div>
    </main>
  );
}
