package io.progressivedialer.rules;

import java.util.Set;

/**
 * The names a table's inputs may read and be given a value: the dialer's own facts, the session's variables and the
 * imported columns leads have. An input reading any other name is warned of: it will always be null.
 */
public interface FactNames {

    Set<String> known();
}
