// Remix's built-in flat routes (app/routes/*), declared through the route config so
// the move to React Router 7 stays mechanical (v3_routeConfig).
import { flatRoutes } from "@remix-run/fs-routes";
import type { RouteConfig } from "@remix-run/route-config";

export default flatRoutes() satisfies RouteConfig;
