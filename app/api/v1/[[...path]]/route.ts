// Any path under /api/v1 (or /api/v1 itself) that no route claims: 404 NOT_FOUND in the API's
// error shape, whatever the method (Next's own 404 would be an HTML page).
import { unknownPath } from "../_lib/route";

export const dynamic = "force-dynamic";

export { unknownPath as GET, unknownPath as POST, unknownPath as PUT, unknownPath as PATCH, unknownPath as DELETE, unknownPath as OPTIONS };
