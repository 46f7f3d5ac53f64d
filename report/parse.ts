import { z } from "zod";
import { zodMessages } from "../provider/zodMessages";

/**
 * The part of `pulumi preview --json` (Pulumi's PreviewDigest) that the report reads. Pulumi
 * omits empty fields, so almost everything is optional; unknown fields are kept out of the way.
 */
const propertyMapSchema = z.record(z.string(), z.unknown());

export const resourceStateSchema = z.object({
  urn: z.string().optional(),
  type: z.string().optional(),
  id: z.string().optional(),
  inputs: propertyMapSchema.optional(),
  outputs: propertyMapSchema.optional(),
  protect: z.boolean().optional(),
});

export const previewStepSchema = z.object({
  op: z.string(),
  urn: z.string(),
  oldState: resourceStateSchema.nullish(),
  newState: resourceStateSchema.nullish(),
  diffReasons: z.array(z.string()).nullish(),
  replaceReasons: z.array(z.string()).nullish(),
  detailedDiff: z.record(z.string(), z.looseObject({ kind: z.string() })).nullish(),
});

export const previewDiagnosticSchema = z.looseObject({
  urn: z.string().optional(),
  message: z.string(),
  severity: z.string(),
});

export const previewDocumentSchema = z
  .object({
    steps: z.array(previewStepSchema).nullish(),
    changeSummary: z.record(z.string(), z.number()).nullish(),
    config: z.record(z.string(), z.unknown()).nullish(),
    diagnostics: z.array(previewDiagnosticSchema).nullish(),
  })
  // Every preview has a summary, and a root stack step unless it failed early: a document with
  // neither is some other JSON.
  .refine((doc) => doc.steps != null || doc.changeSummary != null, {
    error: "expected `steps` or `changeSummary`",
  });

export type ResourceState = z.infer<typeof resourceStateSchema>;
export type PreviewStep = z.infer<typeof previewStepSchema>;
export type PreviewDocument = z.infer<typeof previewDocumentSchema>;

export class PreviewInputError extends Error {}

export function parsePreview(text: string): PreviewDocument {
  if (text.trim() === "") {
    throw new PreviewInputError(
      "no input: pipe `pulumi preview --json` into this command or pass --input <file>",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PreviewInputError(`input is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new PreviewInputError("input is not Pulumi preview JSON: expected an object");
  }
  const result = previewDocumentSchema.safeParse(json, { error: zodMessages });
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
    throw new PreviewInputError(`input is not Pulumi preview JSON${where}: ${issue.message}`);
  }
  return result.data;
}
