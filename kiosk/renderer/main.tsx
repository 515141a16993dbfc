import { render } from 'preact';
import type { KioskBridge } from '../contract.ts';
import { App } from './App.tsx';
import { selectBridge } from './bridge.ts';
import './renderer.css';
import './renderer-blocks.css';
import './renderer-journeys.css';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    kiosk24?: KioskBridge;
  }
}

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element to draw the kiosk into');
render(<App bridge={selectBridge(window)} />, root);
