/**
 * Forms of accounts and sign-in (browser-safe: the pages validate with the
 * same schemas before posting). Messages are i18n keys (`msg`).
 */
import { z } from "zod";
import { contractorChoice, contractorMatchesRole, memberRoleObject, PASSWORD_MIN, ROLE_VALUES } from "~/admin/schemas";
import { fields, msg } from "~/utils/forms";

const idField = () => z.string(msg("form.required")).min(1, msg("form.required")).max(64, msg("form.tooLong", { max: 64 }));

/** A new password: at least PASSWORD_MIN characters, at most 200. */
export const newPassword = () =>
  z
    .string(msg("form.required"))
    .min(PASSWORD_MIN, msg("form.tooShort", { min: PASSWORD_MIN }))
    .max(200, msg("form.tooLong", { max: 200 }));

const inviteFields = {
  email: fields.email(),
  role: z.enum(ROLE_VALUES, msg("admin.errors.chooseRole")),
  /** The contractor whose person they will be: required for the "contractor" role, refused for the others. */
  contractorId: contractorChoice(),
};

/** The admin's "invite someone" form: an e-mail, the role they will have and, for a contractor's person, the contractor. */
export const InviteSchema = z.object(inviteFields).superRefine(contractorMatchesRole);

/** Everything the users page posts, told apart by `intent`. */
export const UsersActionSchema = z.discriminatedUnion("intent", [
  z.object(inviteFields).extend({ intent: z.literal("invite") }).superRefine(contractorMatchesRole),
  z.object({ intent: z.literal("revokeInvite"), invitationId: idField() }),
  z.object({ intent: z.literal("resetPassword"), userId: idField() }),
  memberRoleObject().extend({ intent: z.literal("role") }).superRefine(contractorMatchesRole),
  z.object({ intent: z.literal("remove"), userId: idField() }),
]);

/** A new person joining through an invitation link. */
export const JoinNewSchema = z.object({
  intent: z.literal("create"),
  name: fields.requiredText(50),
  password: newPassword(),
});

/** A signed-in person accepting an invitation (from the link or the list after sign-in). */
export const AcceptSchema = z.object({ intent: z.literal("accept"), invitationId: idField() });

/** What the invitation page posts. */
export const JoinActionSchema = z.discriminatedUnion("intent", [JoinNewSchema, AcceptSchema]);

/** Setting a new password through a reset link. */
export const ResetPasswordSchema = z.object({ password: newPassword() });
