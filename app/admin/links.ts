import type { LinksFunction } from "@remix-run/node";
import adminCss from "~/styles/admin.css?url";

/** The administration pages' own styles (phone-first tables and forms), on top of app.css. */
export const adminLinks: LinksFunction = () => [{ rel: "stylesheet", href: adminCss }];
