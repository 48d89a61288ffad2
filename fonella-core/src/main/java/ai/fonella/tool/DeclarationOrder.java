package ai.fonella.tool;

import com.github.victools.jsonschema.generator.MemberScope;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Orders schema properties as they are declared: superclass fields first, then each class's fields
 * in source order (record components in component order). Not part of the public API.
 */
final class DeclarationOrder implements Comparator<MemberScope<?, ?>> {

    private static final ClassValue<Map<String, Integer>> FIELD_INDEX = new ClassValue<>() {
        @Override
        protected Map<String, Integer> computeValue(Class<?> type) {
            Map<String, Integer> index = new HashMap<>();
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                for (int i = 0; i < components.length; i++) {
                    index.put(components[i].getName(), i);
                }
            }
            Field[] fields = type.getDeclaredFields();
            for (int i = 0; i < fields.length; i++) {
                index.putIfAbsent(fields[i].getName(), index.size() + i);
            }
            return index;
        }
    };

    @Override
    public int compare(MemberScope<?, ?> a, MemberScope<?, ?> b) {
        Member ma = a.getRawMember();
        Member mb = b.getRawMember();
        boolean fa = ma instanceof Field;
        boolean fb = mb instanceof Field;
        if (fa != fb) {
            return fa ? -1 : 1;
        }
        if (!fa) {
            return a.getSchemaPropertyName().compareTo(b.getSchemaPropertyName());
        }
        int depth = Integer.compare(depth(ma.getDeclaringClass()), depth(mb.getDeclaringClass()));
        if (depth != 0) {
            return depth;
        }
        if (ma.getDeclaringClass() != mb.getDeclaringClass()) {
            return ma.getDeclaringClass().getName().compareTo(mb.getDeclaringClass().getName());
        }
        Map<String, Integer> index = FIELD_INDEX.get(ma.getDeclaringClass());
        return Integer.compare(index.getOrDefault(ma.getName(), Integer.MAX_VALUE),
                index.getOrDefault(mb.getName(), Integer.MAX_VALUE));
    }

    private static int depth(Class<?> type) {
        int depth = 0;
        for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
            depth++;
        }
        return depth;
    }
}
