import type { Platform } from '../../platform/platform';
import type { App } from '../../platform/http';

export function workbenchRoutes(app: App, platform: Platform): void {
  void app;
  void platform;
}
