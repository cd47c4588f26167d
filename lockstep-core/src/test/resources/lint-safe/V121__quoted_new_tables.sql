-- Tables named with capitals, quoted as ORMs write them (Prisma, Entity Framework): created in this
-- file, so indexing and constraining them blocks no one.
CREATE TABLE "User" (
    "id" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "email" TEXT NOT NULL
);
CREATE TABLE "Account" (
    "id" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "userId" BIGINT NOT NULL
);
CREATE UNIQUE INDEX "User_email_key" ON "User" ("email");
CREATE INDEX "Account_userId_idx" ON public."Account" ("userId");
ALTER TABLE "Account" ADD CONSTRAINT "Account_id_check" CHECK ("id" > 0);
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id")
    ON DELETE CASCADE ON UPDATE CASCADE;
