package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.CascadeStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementGroupsTest {
    private static final CascadeStep PARENTS_TO_CHILDREN = CascadeStep.statement("p -> c");
    private static final CascadeStep CHILDREN_TO_GRANDCHILDREN = CascadeStep.statement("c -> g");

    @Test
    void aBatchsStepsRunOnceEachAtTheirLastPlace() {
        // a batch deleting a child first and then a parent: the child's step must run after the parent's cascade
        // has deleted more children, or their own children stay live
        assertThat(StatementGroups.lastOccurrences(List.of(CHILDREN_TO_GRANDCHILDREN, PARENTS_TO_CHILDREN,
                CHILDREN_TO_GRANDCHILDREN))).containsExactly(PARENTS_TO_CHILDREN, CHILDREN_TO_GRANDCHILDREN);
        // the same prepared statement batched three times
        assertThat(StatementGroups.lastOccurrences(List.of(PARENTS_TO_CHILDREN, CHILDREN_TO_GRANDCHILDREN,
                PARENTS_TO_CHILDREN, CHILDREN_TO_GRANDCHILDREN, PARENTS_TO_CHILDREN, CHILDREN_TO_GRANDCHILDREN)))
                .containsExactly(PARENTS_TO_CHILDREN, CHILDREN_TO_GRANDCHILDREN);
        assertThat(StatementGroups.lastOccurrences(List.of())).isEmpty();
    }
}
