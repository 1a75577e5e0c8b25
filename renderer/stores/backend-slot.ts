/**
 * The backend the stores send requests through, set once by main.ts (or by a test). Kept out of Pinia
 * state: a transport is not data to track.
 */
import type { RequestName, RequestPayload, ResponsePayload } from '../../shared/ipc/contract';

/** The part of the backend interface the stores call. */
export interface RequestSender {
  invoke<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponsePayload<K>>;
}

let backend: RequestSender | null = null;

export function setCurrentBackend(b: RequestSender | null): void {
  backend = b;
}

export function currentBackend(): RequestSender {
  if (backend === null) throw new Error('no backend connected');
  return backend;
}

/** Native "Open file" dialog, when the host has one (Electron); the browser host asks for a path instead. */
let picker: (() => Promise<string | null>) | null = null;

export function setFilePicker(p: (() => Promise<string | null>) | null): void {
  picker = p;
}

export function filePicker(): (() => Promise<string | null>) | null {
  return picker;
}

/** Path of a dropped file: only the app can know it (preload's webUtils); the browser host cannot. */
let dropPath: ((file: File) => string | null) | null = null;

export function setDroppedFilePath(f: ((file: File) => string | null) | null): void {
  dropPath = f;
}

export function droppedFilePath(file: File): string | null {
  return dropPath ? dropPath(file) : null;
}

/**
 * Where an export goes: the app asks main for its native save dialog (main then grants that one path to the
 * worker, electron/capture/export-gate.ts). The browser host has no dialog: the suggested file name is sent
 * as is and the host's worker writes it into the export folder the host was started with.
 */
let saveTarget: ((defaultName: string) => Promise<string | null>) | null = null;

export function setSaveTarget(t: ((defaultName: string) => Promise<string | null>) | null): void {
  saveTarget = t;
}

export function chooseSaveTarget(defaultName: string): Promise<string | null> {
  return saveTarget ? saveTarget(defaultName) : Promise.resolve(defaultName);
}

/**
 * How to get capture rights when the worker lacks them (`capture.permission`): the app asks main for an
 * elevated worker (its platform prompt) and swaps the stores onto it, resolving true once connected. The
 * browser host has none: its worker runs with the rights it was started with.
 */
let elevator: (() => Promise<boolean>) | null = null;

export function setCaptureElevator(e: (() => Promise<boolean>) | null): void {
  elevator = e;
}

export function captureElevator(): (() => Promise<boolean>) | null {
  return elevator;
}
