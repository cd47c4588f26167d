package dev.lockstep.internal.runbook;

import dev.lockstep.HookCommand;
import dev.lockstep.Setting;
import java.util.List;

/** Where in the deploy a {@code [hooks]} entry runs: before or after one of the runbook's steps. */
enum HookPoint {
    BEFORE_DEPLOY(Setting.HOOK_BEFORE_DEPLOY, "preflight", true),
    AFTER_BACKUP(Setting.HOOK_AFTER_BACKUP, "backup", false),
    BEFORE_MIGRATE(Setting.HOOK_BEFORE_MIGRATE, "migrate", true),
    AFTER_MIGRATE(Setting.HOOK_AFTER_MIGRATE, "migrate", false),
    AFTER_VERIFY(Setting.HOOK_AFTER_VERIFY, "verify", false),
    ON_FAILURE(Setting.HOOK_ON_FAILURE, "undo", true),
    AFTER_UNDO(Setting.HOOK_AFTER_UNDO, "undo", false);

    final Setting<List<HookCommand>> setting;
    final String anchor;
    final boolean before;

    HookPoint(Setting<List<HookCommand>> setting, String anchor, boolean before) {
        this.setting = setting;
        this.anchor = anchor;
        this.before = before;
    }

    /** The name in lockstep.toml, the report and LOCKSTEP_HOOK: {@code before-migrate}. */
    String key() {
        return setting.key();
    }

    /** A before-hook stops the deploy before anything changes when it fails, whatever hook-failure says. */
    boolean stopsTheDeploy() {
        return this == BEFORE_DEPLOY || this == BEFORE_MIGRATE;
    }

    /** Runs only after a failure (and then whatever hook-failure says, its own failure fails nothing more). */
    boolean afterAFailure() {
        return this == ON_FAILURE || this == AFTER_UNDO;
    }
}
