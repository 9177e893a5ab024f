import { deliverEmail } from "../../lib/mail/deliver-email";
import type { Processor } from "./types";

// At most once per email row: deliverEmail locks the row and flips it to `sent` in one transaction.
export const sendEmailProcessor: Processor<"email.send"> = async (data, { job }) => {
  const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  return { outcome: await deliverEmail(data.emailId, { final }) };
};
