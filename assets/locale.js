// The visitor's language: kept in localStorage, shared by every component through one store.
// Switching re-renders the page at once; the inline head script hides the prerendered English
// until this module has applied a stored non-English choice.
import { useEffect, useSyncExternalStore } from "react";

const KEY = "portal.locale";
const SUPPORTED = ["en", "zh-Hans"];
const listeners = new Set();

// The server's PORTAL_DEFAULT_LOCALE, published by the head script, for visitors who never chose.
function fallback() {
  return SUPPORTED.includes(window.portalDefaultLocale) ? window.portalDefaultLocale : "en";
}

function read() {
  try {
    const value = window.localStorage.getItem(KEY);
    return SUPPORTED.includes(value) ? value : fallback();
  } catch (e) {
    return fallback();
  }
}

function subscribe(listener) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function setLocale(value) {
  const next = SUPPORTED.includes(value) ? value : fallback();
  try {
    window.localStorage.setItem(KEY, next);
    // The server reads the language from this cookie (toasts, emails, exports).
    document.cookie = `portal_locale=${next}; path=/; max-age=31536000; samesite=lax`;
  } catch (e) {
    /* private mode: the choice lasts for this page only */
  }
  listeners.forEach((listener) => listener());
  return next;
}

export function currentLocale() {
  return typeof window === "undefined" ? "en" : read();
}

export function useLocale() {
  const locale = useSyncExternalStore(subscribe, read, () => "en");
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.removeAttribute("data-locale-pending");
  }, [locale]);
  return locale;
}
