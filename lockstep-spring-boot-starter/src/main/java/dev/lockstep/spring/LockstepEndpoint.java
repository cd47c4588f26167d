package dev.lockstep.spring;

import dev.lockstep.Lockstep;
import dev.lockstep.StatusResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code /actuator/lockstep}: every migration and where it stands, as {@code lockstep status} shows them. */
@Endpoint(id = "lockstep")
public class LockstepEndpoint {
    private final Lockstep lockstep;

    public LockstepEndpoint(Lockstep lockstep) {
        this.lockstep = lockstep;
    }

    @ReadOperation
    public Map<String, Object> migrations() {
        StatusResult status = lockstep.status();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", status.database());
        doc.put("historyTable", status.historyTable());
        doc.put("currentVersion", status.currentVersion());
        doc.put("pending", status.pending());
        doc.put("upToDate", status.upToDate());
        doc.put("migrations", status.migrations());
        doc.put("issues", status.issues());
        return doc;
    }
}
