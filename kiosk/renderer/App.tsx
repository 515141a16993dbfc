import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { ActionView, RendererMessage } from '../contract.ts';
import { throttleActivity } from './activity.ts';
import { cornerGesture } from './corner-gesture.ts';
import type { RendererBridge } from './bridge.ts';
import { Layout } from './layouts/Layout.tsx';
import { ActionContext } from './parts/action-context.ts';
import { ConnectingScreen } from './parts/ConnectingScreen.tsx';
import { CornerBar } from './parts/CornerBar.tsx';
import { HelpButton, HelpOverlay } from './parts/HelpOverlay.tsx';
import { IdleDialog } from './parts/IdleDialog.tsx';
import { LiveAnnouncer } from './parts/LiveAnnouncer.tsx';
import { ViewContext } from './parts/view-context.ts';
import { initialViewState, reduceView } from './view-state.ts';
import { SpeechControls } from './parts/SpeechControls.tsx';

/**
 * The whole touchscreen: draws the latest snapshot from the core and sends back what the
 * person does. It holds nothing but the snapshot in memory, and drops it when the bridge drops.
 */
export function App({ bridge }: { bridge: RendererBridge }) {
  const [view, dispatch] = useReducer(reduceView, initialViewState);
  const content = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const stopConnection = bridge.onConnection((connected) =>
      dispatch({ type: 'connection', connected }),
    );
    const stopMessages = bridge.onMessage((message) => {
      // The reason names a protocol slip, never resident data, so it is safe to print.
      if (message.type === 'refused')
        console.warn(`kiosk24 bridge refused a message: ${message.reason}`);
      dispatch({ type: 'core', message });
    });
    return () => {
      stopConnection();
      stopMessages();
    };
  }, [bridge]);

  useEffect(() => {
    const report = throttleActivity(() => bridge.send({ type: 'activity' }));
    const options = { capture: true, passive: true };
    const corner = cornerGesture(() =>
      bridge.send({ type: 'action', event: 'maintenance.request' }),
    );
    const touched = (event: PointerEvent): void => {
      report();
      corner(event.clientX, event.clientY);
    };
    document.addEventListener('pointerdown', touched, options);
    document.addEventListener('keydown', report, options);
    return () => {
      document.removeEventListener('pointerdown', touched, options);
      document.removeEventListener('keydown', report, options);
    };
  }, [bridge]);

  const snapshot = view.connected ? view.snapshot : null;
  const locale = snapshot?.locale ?? 'zh-CN';
  const largeText = snapshot?.largeText ?? false;
  const warning = snapshot?.idle.warning === true;
  const help = snapshot?.help;
  const [helpOpen, setHelpOpen] = useState(false);
  const showHelp = helpOpen && help !== undefined && !warning;
  const inSession = snapshot?.inSession === true;

  // A session that starts or ends closes help: the next resident never finds it open.
  useEffect(() => setHelpOpen(false), [inSession]);

  // Before paint, so no frame is read in the wrong language or drawn at the wrong size.
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.classList.toggle('large-text', largeText);
  }, [locale, largeText]);

  useEffect(() => {
    // Behind the idle warning nothing may be touched or reached with Tab.
    if (content.current !== null) content.current.inert = warning || showHelp;
  }, [warning, showHelp, snapshot !== null]);

  const send = (message: RendererMessage): void => bridge.send(message);
  const sendAction = useMemo(
    () => (action: ActionView) => {
      if (action.disabled === true) return;
      bridge.send(
        action.data === undefined
          ? { type: 'action', event: action.event }
          : { type: 'action', event: action.event, data: action.data },
      );
    },
    [bridge],
  );

  const viewContext = useMemo(() => ({ locale, syncKey: view.syncKey }), [locale, view.syncKey]);

  if (snapshot === null) return <ConnectingScreen />;
  return (
    <ViewContext.Provider value={viewContext}>
      <ActionContext.Provider value={sendAction}>
        <div class="kiosk" ref={content} data-in-session={snapshot.inSession}>
          <Layout snapshot={snapshot} screenKey={view.screenKey} />
          <CornerBar
            snapshot={snapshot}
            events={{
              onLocale: (next) => send({ type: 'locale', locale: next }),
              onLargeText: (on) => send({ type: 'large-text', on }),
            }}
          >
            {help !== undefined && <HelpButton help={help} onOpen={() => setHelpOpen(true)} />}
            <SpeechControls
              locale={locale}
              speechMode={snapshot.speechMode === true}
              onSpeech={(event, data) => send({ type: 'action', event, ...(data ? { data } : {}) })}
            />
          </CornerBar>
        </div>
        <LiveAnnouncer text={snapshot.screen.title} screenKey={view.screenKey} />
        {showHelp && (
          <HelpOverlay
            help={help}
            events={{
              onCallStaff: () => send({ type: 'action', event: 'help.call' }),
              onClose: () => setHelpOpen(false),
            }}
          />
        )}
        {warning && (
          <IdleDialog
            idle={snapshot.idle}
            locale={locale}
            syncKey={view.syncKey}
            events={{
              onExtend: () => send({ type: 'idle.extend' }),
              onEnd: () => send({ type: 'idle.end' }),
            }}
          />
        )}
      </ActionContext.Provider>
    </ViewContext.Provider>
  );
}
