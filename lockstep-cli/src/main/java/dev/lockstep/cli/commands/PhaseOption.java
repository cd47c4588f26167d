package dev.lockstep.cli.commands;

import dev.lockstep.Phase;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;

/** Reads {@code --phase expand|contract}. */
final class PhaseOption {
    private PhaseOption() {
    }

    /** The phase named, or null when the option was not given. */
    static Phase parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Phase.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.USAGE, "--phase must be expand or contract, not '" + text + "'",
                    "expand applies everything but the contract migrations; contract applies those too, once every "
                            + "expand migration is applied (docs/commands/migrate.md#expand-and-contract)");
        }
    }
}
