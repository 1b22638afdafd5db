import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setRequestLanguage } from './services/client';
import { locales, type Locale } from './services/auth';
import { zhCN, type Messages } from './locales/zh-CN';
import { enUS } from './locales/en-US';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const storageKey = 'dudao.locale';

function storedLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  return locales.find((l) => l === saved) ?? 'zh-CN';
}

function apply(locale: Locale): void {
  setRequestLanguage(locale);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
}

const initial = storedLocale();
apply(initial);

i18n.on('languageChanged', () => {
  document.title = i18n.t('app.name');
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** A page's own texts, added when its code loads: the sign-in page does not carry them. */
export function addPageMessages<T extends object>(namespace: string, zh: T, en: T): void {
  i18n.addResourceBundle('zh-CN', 'translation', { [namespace]: zh }, true, false);
  i18n.addResourceBundle('en', 'translation', { [namespace]: en }, true, false);
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export async function changeLocale(locale: Locale): Promise<void> {
  localStorage.setItem(storageKey, locale);
  apply(locale);
  await i18n.changeLanguage(locale);
}
