-- 100,000 flagged patients, each with one study, one scored result, one risk assessment and one worklist item.
-- Statuses, tiers, sites, ages and dates are spread the way a real queue would be after months of work.
INSERT INTO "Patient" (id, mrn, sex, site, "birthDate", "updatedAt")
SELECT md5('p' || g)::uuid::text, 'MRN' || lpad(g::text, 7, '0'), CASE WHEN g % 2 = 0 THEN 'M' ELSE 'F' END,
       (ARRAY['north', 'south', 'east', 'west', 'central'])[1 + g % 5], DATE '1950-01-01' + (g % 9000), now()
FROM generate_series(1, :n) AS g;

INSERT INTO "Study" (id, "studyInstanceUid", "patientId", "studyDate", "ageAtStudy", source, "updatedAt")
SELECT md5('s' || g)::uuid::text, '1.2.826.0.1.3680043.10.' || g, md5('p' || g)::uuid::text,
       DATE '2022-01-01' + (g % 1000), 40 + g % 40, 'bench', now()
FROM generate_series(1, :n) AS g;

INSERT INTO "ScreeningResult" (id, "studyId", "modelName", "modelVersion", status, "agatstonTotal", "agatstonLM",
  "agatstonLAD", "agatstonLCX", "agatstonRCA", "cacDrs", category, "qualityFlags", "updatedAt")
SELECT md5('r' || g)::uuid::text, md5('s' || g)::uuid::text, 'bench', 'bench-1', 'scored', (g * 7919) % 2000, 0,
       ((g * 7919) % 2000) * 0.6, ((g * 7919) % 2000) * 0.1, ((g * 7919) % 2000) * 0.3, 'A2', '100-299', '{}', now()
FROM generate_series(1, :n) AS g;

INSERT INTO "RiskAssessment" (id, "screeningResultId", "pooledCohortPct", tier, flagged, rationale, missing, warnings,
  inputs, "updatedAt")
SELECT md5('a' || g)::uuid::text, md5('r' || g)::uuid::text, 5 + g % 25,
       (ARRAY['high-priority', 'statin-recommended', 'consider-statin'])[1 + g % 3], true,
       '["bench"]'::jsonb, '{}', '{}', '{}'::jsonb, now()
FROM generate_series(1, :n) AS g;

INSERT INTO "WorklistItem" (id, "patientId", "openKey", "screeningResultId", status, tier, priority, "agatstonTotal",
  assignee, "createdAt", "updatedAt")
SELECT md5('w' || g)::uuid::text, md5('p' || g)::uuid::text,
       CASE WHEN g % 10 < 6 THEN md5('p' || g)::uuid::text END, md5('r' || g)::uuid::text,
       (ARRAY['open', 'open', 'open', 'claimed', 'contacted', 'scheduled', 'closed', 'closed', 'closed', 'dismissed'])[1 + g % 10],
       (ARRAY['high-priority', 'statin-recommended', 'consider-statin'])[1 + g % 3], 1 + g % 3, (g * 7919) % 2000,
       CASE WHEN g % 10 BETWEEN 3 AND 5 THEN 'coordinator-' || (g % 7) END, now() - (g % 500) * interval '1 day', now()
FROM generate_series(1, :n) AS g;

ANALYZE;
