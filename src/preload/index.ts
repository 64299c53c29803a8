// The renderer's only door to main: a typed invoke, asset URLs and the platform, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { SmgeoBridge } from '../shared/api';

const bridge: SmgeoBridge = {
  invoke: (channel, input) => ipcRenderer.invoke('api', channel, input),
  assetUrl: (path) => `smgeo://app/${path.replace(/^\/+/, '')}`,
  platform: process.platform,
};

contextBridge.exposeInMainWorld('smgeo', bridge);
