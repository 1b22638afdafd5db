import type { Platform } from '../../platform/platform';
import type { App } from '../../platform/http';

export function rectificationRoutes(app: App, platform: Platform): void {
  void app;
  void platform;
}
