import type { AnyStateMachine } from 'xstate';
import type { FlowManifest, ScreenSpecs } from './package-schema.ts';

/** A flow package read from disk, checked against the catalogue and built once. */
export interface FlowPackage {
  dir: string;
  manifest: FlowManifest;
  /** The xstate machine config exactly as the vendor wrote it. */
  config: Record<string, unknown>;
  /** The machine built from it once at load; each session provides its capabilities. */
  machine: AnyStateMachine;
  screens: ScreenSpecs;
  strings: Record<'zh-CN' | 'en', Record<string, string>>;
}
