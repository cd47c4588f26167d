package dev.lockstep;

import dev.lockstep.spi.BackupProvider;
import dev.lockstep.spi.BackupTarget;
import java.util.ArrayList;
import java.util.List;

/** A provider found through ServiceLoader: keeps its "backups" in a list, to show the SPI's contract. */
public final class MemoBackupProvider implements BackupProvider {
    static final List<String> KEPT = new ArrayList<>();

    @Override
    public String name() {
        return "memo";
    }

    @Override
    public BackupManifest backup(BackupTarget target) {
        KEPT.add(target.name());
        return new BackupManifest(target.name(), 0, null, target.database(), target.host(), target.serverVersion(),
                null, target.environment(), target.migrationVersion(), "2026-01-01T00:00:0" + KEPT.size() + "Z", 1,
                name(), "memo:" + target.name());
    }

    @Override
    public boolean delete(BackupTarget target, BackupManifest manifest) {
        return KEPT.remove(manifest.file());
    }
}
