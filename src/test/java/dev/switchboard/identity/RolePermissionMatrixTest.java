package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix as the product promises it, one case per (role, permission) cell. A
 * permission added to {@link Permission} fails {@link #everyPermissionIsInTheMatrix()} until
 * someone decides here which roles get it.
 */
class RolePermissionMatrixTest {

    private static final String MATRIX = """
            permission            admin  manager  viewer
            organization:read     yes    yes      yes
            campaigns:run         yes    yes      no
            agents:manage         yes    yes      no
            members:manage        yes    no       no
            numbers:manage        yes    no       no
            integrations:manage   yes    no       no
            billing:manage        yes    no       no
            settings:manage       yes    no       no
            api-keys:manage       yes    no       no
            audit:read            yes    no       no
            recordings:delete     yes    no       no
            """;

    private static final List<Role> COLUMNS = List.of(Role.ADMIN, Role.MANAGER, Role.VIEWER);

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        expected().forEach((permission, allowed) -> {
            for (int i = 0; i < COLUMNS.size(); i++) {
                cells.add(Arguments.of(COLUMNS.get(i), permission, allowed.get(i)));
            }
        });
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} may {1}: {2}")
    @MethodSource("cells")
    void roleGrantsExactlyTheMatrixCell(Role role, Permission permission, boolean allowed) {
        assertThat(role.allows(permission)).isEqualTo(allowed);
        assertThat(role.permissions().contains(permission)).isEqualTo(allowed);
    }

    @Test
    void everyPermissionIsInTheMatrix() {
        assertThat(expected().keySet()).containsExactlyInAnyOrder(Permission.values());
        assertThat(COLUMNS).containsExactlyInAnyOrder(Role.values());
    }

    private static Map<Permission, List<Boolean>> expected() {
        Map<Permission, List<Boolean>> rows = new LinkedHashMap<>();
        MATRIX.lines().skip(1).map(String::trim).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] cells = line.split("\\s+");
            Permission permission = Permission.fromScope(cells[0])
                    .orElseThrow(() -> new AssertionError("Unknown scope in the matrix: " + cells[0]));
            rows.put(permission, Arrays.stream(cells).skip(1).map("yes"::equals).toList());
        });
        return rows;
    }
}
