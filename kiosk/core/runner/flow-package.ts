import type { FlowManifest, ScreenSpecs } from './package-schema.ts';

/** A flow package read from disk and checked against the catalogue; still inert data. */
export interface FlowPackage {
  dir: string;
  manifest: FlowManifest;
  /** The xstate machine config exactly as the vendor wrote it. */
  machine: Record<string, unknown>;
  screens: ScreenSpecs;
  strings: Record<'zh-CN' | 'en', Record<string, string>>;
}
