import { useEffect, useState } from 'react';

export const routes = ['accounts', 'friends', 'scripts', 'settings'] as const;
export type Route = (typeof routes)[number];

/** Hash routing: it works from file:// in Electron and needs no server rewrites on the host. */
export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as Route) : 'accounts';
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** Shows another page, as following its link in the navigation would. */
export function goToRoute(route: Route): void {
  window.location.hash = `#/${route}`;
}
