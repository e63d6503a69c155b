#include <cstring>
#include <iostream>

struct Node {
    int val;
    Node* next;
    Node(int v, Node* n = nullptr) : val(v), next(n) {}
};

Node* reverse(Node* head) {
    Node* prev = nullptr;
    while (head != nullptr) {
        Node* nxt = head->next;
        head->next = prev;
        prev = head;
        head = nxt;
    }
    return prev;
}

int main() {
    Node* head = nullptr;
    for (int i = 5; i > 0; --i) head = new Node(i, head);
    head = reverse(head);
    for (Node* p = head; p; p = p->next) std::cout << p->val << ' ';
    std::cout << '\n';
    while (head) {
        Node* t = head;
        head = head->next;
        delete t;
    }
    int* arr = new int[10];
    std::memset(arr, 0, sizeof(int) * 10);
    int (*fp)(const char*) = [](const char* s) { return (int)std::strlen(s); };
    arr[0] = fp("hello");
    std::cout << arr[0] << ' ' << sizeof arr << ' ' << sizeof(Node) << '\n';
    delete[] arr;
    return 0;
}
