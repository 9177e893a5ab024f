import { sweepAlerts } from "../../lib/alerts/sweep-alerts";
import type { Processor } from "./types";

export const sweepAlertsProcessor: Processor<"alerts.sweep"> = () => sweepAlerts();
